"""`casereview graph`: draw, export or check a review's causal graph."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from core.analysis.causal_graph import build_graph
from core.apps.cli.base import App
from core.apps.cli.output import review_argument
from core.kernel.text import plural
from core.output import graph_export
from core.output.graph_svg import to_svg
from core.output.output_file import write_output
from core.output.pseudonyms import load_for_output

if TYPE_CHECKING:
    from core.plugin_api.graph import CausalGraph

FORMATS = ("json", "graphml", "dot", "svg")
SUFFIXES = {".json": "json", ".graphml": "graphml", ".dot": "dot", ".gv": "dot", ".svg": "svg"}


@click.command()
@review_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="json (node-link data), graphml (yEd, Gephi), dot (Graphviz) or svg (a drawing). "
    "Default: from the ending of the -o file, else json.",
)
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="Write to FILE instead of printing.",
)
@click.option(
    "--check",
    is_flag=True,
    help="List every problem in the graph instead of exporting it; exit 1 if there are any.",
)
@click.pass_context
def graph_command(
    ctx: click.Context, review_id: str, fmt: str | None, output: str | None, check: bool
) -> None:
    """Export, draw or check the causal graph of REVIEW.

    The graph links the chronology and the evidence, through the methodology's analysis (key
    practice episodes, contributory factors, root causes, ...), to the findings, the
    recommendations and the improvement actions.

    --check tests the chain from evidence to action: every finding evidenced, every
    recommendation addressing an accepted finding, every action addressing a recommendation or
    finding, and no loop among the causal links.

    \b
    Examples:
      casereview graph CR-2026-001 -o graph.svg
      casereview graph CR-2026-001 --format dot | dot -Tpdf > graph.pdf
      casereview graph CR-2026-001 --check
    """
    app: App = ctx.obj
    if check and (fmt or output):
        raise click.UsageError("--check lists problems and exports nothing; leave out "
                               "--format and -o, or run the export separately")
    state = load_for_output(app.reviews, review_id)
    graph = build_graph(app.host, state, check=False)
    problems = graph.problems()
    size = f"{graph.nx.number_of_nodes()} nodes, {graph.nx.number_of_edges()} links"
    if check:
        if not problems:
            click.echo(f"The causal graph of {review_id} has no problems ({size}).")
            return
        click.echo(f"The causal graph of {review_id} has {plural(len(problems), 'problem')} "
                   f"({size}):")
        for problem in problems:
            click.echo(f"  - {problem}")
        ctx.exit(1)
    chosen = fmt or (SUFFIXES.get(Path(output).suffix.lower(), "json") if output else "json")
    text = _render(graph, chosen, f"Causal graph of review {state.id}: {state.review.title}")
    if output:
        write_output(output, text, "the causal graph", database=str(app.journal.path))
        click.echo(f"Wrote the causal graph of {review_id} ({size}) as {chosen} to {output}.")
    else:
        click.echo(text, nl=False)
    if problems:
        click.echo(f"Note: the graph has {plural(len(problems), 'problem')}; "
                   f"`casereview graph {review_id} --check` lists them.", err=True)


def _render(graph: CausalGraph, fmt: str, title: str) -> str:
    if fmt == "json":
        data = graph_export.to_node_link(graph)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "graphml":
        return graph_export.to_graphml(graph)
    if fmt == "dot":
        return graph_export.to_dot(graph, title)
    return to_svg(graph, title)
