"""The smaller holes: a Markdown chronology with live images, an identity register and journal
out of step, and options that read any file."""

from __future__ import annotations

import datetime as dt

import pytest

from core.evidence.chronology.export import to_markdown
from core.kernel.dates import PartialDate
from core.kernel.errors import ConflictError
from core.kernel.model import ChronologyEntry
from core.output.publication.identity import IdentityRegister, register_path
from core.plugin_api.reviews import Reviews
from plugins.testing import SAMPLE_REVIEW_ID as REVIEW

HOSTILE_MD = ("![x](http://evil.example/pixel.png) [click](javascript:alert(1)) **bold** "
              "<img src=x> `code` ~~gone~~ | pipe")


def test_the_markdown_chronology_holds_no_live_markup():
    from markdown_it import MarkdownIt

    entry = ChronologyEntry("E1", "Police", PartialDate.day(dt.date(2024, 3, 3)), HOSTILE_MD)
    rendered = MarkdownIt("commonmark").enable("table").render(to_markdown([entry], {}))
    for live in ("<img", "<a ", "<strong>", "<code>", "<del>"):
        assert live not in rendered, live
    assert "![x](http://evil.example/pixel.png)" in rendered  # shown as the text it is
    assert rendered.count("<td>") == 7  # the pipe stayed inside its cell


def _register(cli):
    register = IdentityRegister.open(register_path(str(cli.db)))
    try:
        return register.identities(REVIEW)
    finally:
        register.close()


def test_identity_add_writes_both_or_neither(sample, cli, monkeypatch):
    def always_conflicts(self, state, changes):
        raise ConflictError("review was changed by someone else; nothing of yours was written")

    monkeypatch.setattr(Reviews, "write", always_conflicts)
    cli.refused("identity", REVIEW, "add", "--pseudonym", "Child A", "--real-name-stdin",
                input="Amelia Thornbury\n", says="nothing of yours was written")
    assert _register(cli) == []  # the register agrees: nothing was written


def test_identity_add_retries_when_someone_else_wrote_in_between(sample, cli, monkeypatch):
    real_write = Reviews.write
    calls = []

    def conflicts_once(self, state, changes):
        calls.append(1)
        if len(calls) == 1:
            raise ConflictError("changed by someone else")
        return real_write(self, state, changes)

    monkeypatch.setattr(Reviews, "write", conflicts_once)
    cli.ok("identity", REVIEW, "add", "--pseudonym", "Child A", "--real-name-stdin",
           input="Amelia Thornbury\n")
    assert [i.pseudonym for i in _register(cli)] == ["Child A"]
    monkeypatch.undo()
    assert cli("publish-check", REVIEW, "--no-record").exit_code == 1  # the register matches


def test_identity_remove_writes_both_or_neither(sample, cli, monkeypatch):
    cli.ok("identity", REVIEW, "add", "--pseudonym", "Child A", "--real-name-stdin",
           input="Amelia Thornbury\n")

    def fails(self, state, changes):
        raise ConflictError("changed by someone else; nothing of yours was written")

    monkeypatch.setattr(Reviews, "write", fails)
    cli.refused("identity", REVIEW, "remove", "--pseudonym", "Child A")
    assert [i.pseudonym for i in _register(cli)] == ["Child A"]


@pytest.fixture
def at_commissioning(sample, cli):
    cli.ok("decide", REVIEW, "--decision", "initiate", "--by", "Chair", "--rationale", "x")
    return cli


def test_a_bare_file_name_is_refused_not_read(at_commissioning, tmp_path):
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:secret\n")
    cli = at_commissioning
    result = cli("commission", REVIEW, "--rationale", str(secret))
    assert result.exit_code == 2 and f"@{secret}" in result.output
    assert "secret" not in cli.ok("show", REVIEW, "--json").replace(str(secret), "")


def test_a_file_named_with_at_is_read_and_said_so(at_commissioning, tmp_path):
    why = tmp_path / "why.txt"
    why.write_text("Seven agencies over three years.\n", encoding="utf-8")
    cli = at_commissioning
    cli.ok("move", REVIEW, "commissioning")
    result = cli("commission", REVIEW, "--methodology", "rca", "--rationale", f"@{why}")
    assert result.exit_code == 0, result.output
    assert f"Read the reason for the methodology from the file {why}" in result.stderr
    assert "Seven agencies over three years." in cli.ok("show", REVIEW, "--json")
    missing = cli("commission", REVIEW, "--rationale", f"@{tmp_path / 'nowhere.txt'}")
    assert missing.exit_code == 2 and "no file" in missing.output
