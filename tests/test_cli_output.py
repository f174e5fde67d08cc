"""core.apps.cli.output.group_review_id: a subcommand finds the REVIEW its group was given, however
deep it sits and whether it was typed or invoked by the group as its default."""

from __future__ import annotations

import click
from click.testing import CliRunner

from core.apps.cli.output import group_review_id, review_argument


@click.group(invoke_without_command=True)
@review_argument
@click.pass_context
def things(ctx: click.Context, review_id: str) -> None:
    if ctx.invoked_subcommand is None:
        ctx.invoke(show)


@things.command("show")
def show() -> None:
    click.echo(f"review {group_review_id()}")


@things.group("deeper")
def deeper() -> None:
    pass


@deeper.command("still")
@click.pass_context
def still(ctx: click.Context) -> None:
    click.echo(f"review {group_review_id(ctx)}")


def test_a_subcommand_reads_the_review_given_to_its_group() -> None:
    runner = CliRunner()
    assert runner.invoke(things, ["CR-2025-001", "show"]).output == "review CR-2025-001\n"
    assert runner.invoke(things, ["CR-2025-002"]).output == "review CR-2025-002\n"
    assert runner.invoke(things, ["CR-2025-003", "deeper", "still"]).output == \
        "review CR-2025-003\n"


def test_a_command_outside_any_review_group_is_a_usage_error() -> None:
    result = CliRunner().invoke(show, [])
    assert result.exit_code == 2 and "give the review (REVIEW)" in result.output
