"""People and their roles: a partnership's accounts, and who holds which role on which review.

A role is held on one review (a lead reviewer on one review may be a board member on another).
What each role may do is the table PERMISSIONS. On the shared PostgreSQL server every account
is also a database login, and the server enforces the same table with row-level security
(core.kernel.server_access), so a member's own connection cannot read a review they hold no role on.
In a single SQLite file there is no login, and whoever can read the file can read all of it:
there the roles guard against mistakes only (someone acting as an account, with --actor or
CASEREVIEW_ACTOR, gets that account's refusals), and the coordinator who keeps the file may do
everything. Move to the server when people other than the coordinator need access.
"""

from __future__ import annotations

import re
from typing import Any

from attrs import frozen

from core.kernel.errors import CaseReviewError, InvalidValue, NotFound
from core.kernel.journal import _stamp, utc_now

# On the shared server every account's login belongs to this group, which the row-level
# policies (core.kernel.server_access) serve.
MEMBER_GROUP = "casereview_member"

# role -> what it may do. "read": the review's record; "write": change it; "identity": the
# real names behind the pseudonyms; "pack": the review team's confidential pack; "audit": who
# saw what; "submit": send their own agency's material; "session": take part in a session.
PERMISSIONS: dict[str, frozenset[str]] = {
    "business-manager": frozenset({"read", "write", "identity", "pack", "audit", "roles"}),
    "lead-reviewer": frozenset({"read", "write", "identity", "pack", "audit"}),
    "review-team": frozenset({"read", "write", "pack"}),
    "agency-author": frozenset({"submit"}),
    "practitioner": frozenset({"session"}),
    "board-member": frozenset({"read"}),
}

ROLE_TITLES = {
    "business-manager": "business manager",
    "lead-reviewer": "lead reviewer",
    "review-team": "review team member",
    "agency-author": "agency author (for one agency)",
    "practitioner": "practitioner (their own learning session only)",
    "board-member": "board member (may read, not change)",
}

WHAT = {
    "read": "read the review", "write": "change the review",
    "identity": "see the identity register", "pack": "read the review team's pack",
    "audit": "see who saw what", "submit": "send their agency's material",
    "session": "join a learning session", "roles": "give others roles on the review",
}

# A PostgreSQL login name as well: plain, lower case, no quoting needed.
_NAME = re.compile(r"[a-z][a-z0-9_]{1,39}")


class AccessRefused(CaseReviewError):
    """The acting account holds no role on the review that allows what it asked for."""


@frozen
class Account:
    name: str
    full_name: str


@frozen
class Grant:
    account: str
    review_id: str
    role: str
    agency: str


def _server(journal: Any) -> bool:
    return journal.on_server


def current_account(journal: Any, actor: str) -> str:
    """Who is acting: on the server, the login the database knows; in a file, --actor."""
    return str(journal.run("SELECT current_user")[0][0]) if _server(journal) else actor


def add_account(journal: Any, name: str, full_name: str, by: str,
                password: str | None = None) -> Account:
    if not _NAME.fullmatch(name):
        raise InvalidValue(f"{name!r} cannot be an account name: use 2 to 40 lower-case "
                           "letters, digits or _, starting with a letter (e.g. jsmith)")
    if not full_name.strip():
        raise InvalidValue("give the person's name with --full-name")
    if journal.run("SELECT 1 FROM accounts WHERE name = ?", (name,)):
        raise InvalidValue(f"there is already an account {name!r}")
    if _server(journal):
        _add_login(journal, name, password)
    journal.run("INSERT INTO accounts (name, full_name, created_at, created_by) "
                "VALUES (?, ?, ?, ?)", (name, full_name.strip(), _stamp(utc_now()), by))
    return Account(name, full_name.strip())


def _add_login(journal: Any, name: str, password: str | None) -> None:
    """The account's database login, a member of the group the row-level policies serve."""
    from psycopg import sql

    exists = journal.run("SELECT 1 FROM pg_roles WHERE rolname = ?", (name,))
    statement = sql.SQL("ALTER ROLE {} LOGIN" if exists else "CREATE ROLE {} LOGIN").format(
        sql.Identifier(name))
    if password:
        statement = sql.SQL("{} PASSWORD {}").format(statement, sql.Literal(password))
    connection = journal._db
    connection.execute(statement)
    connection.execute(sql.SQL("GRANT {} TO {}").format(
        sql.Identifier(MEMBER_GROUP), sql.Identifier(name)))


def accounts(journal: Any) -> list[Account]:
    return [Account(n, f) for n, f in
            journal.run("SELECT name, full_name FROM accounts ORDER BY name")]


def grant(journal: Any, name: str, review_id: str, role: str, agency: str, by: str) -> Grant:
    if role not in PERMISSIONS:
        raise InvalidValue(f"there is no role {role!r}; the roles are: {', '.join(PERMISSIONS)}")
    if (role == "agency-author") != bool(agency.strip()):
        raise InvalidValue("an agency author needs --agency (the one agency they write for), "
                           "and only an agency author has one")
    if not journal.run("SELECT 1 FROM accounts WHERE name = ?", (name,)):
        raise NotFound(f"there is no account {name!r}", hint="add it with `casereview users add`")
    journal.run("INSERT INTO review_roles (account, review_id, role, agency, granted_at, "
                "granted_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (name, review_id, role, agency.strip(), _stamp(utc_now()), by))
    return Grant(name, review_id, role, agency.strip())


def revoke(journal: Any, name: str, review_id: str, role: str) -> None:
    held = [g for g in grants(journal, review_id=review_id) if g.account == name]
    if not any(g.role == role for g in held):
        raise NotFound(f"{name} holds no role {role!r} on {review_id}")
    journal.run("DELETE FROM review_roles WHERE account = ? AND review_id = ? AND role = ?",
                (name, review_id, role))


def grants(journal: Any, *, review_id: str | None = None,
           account: str | None = None) -> list[Grant]:
    sql = "SELECT account, review_id, role, agency FROM review_roles WHERE 1 = 1"
    params: list[str] = []
    if review_id is not None:
        sql += " AND review_id = ?"
        params.append(review_id)
    if account is not None:
        sql += " AND account = ?"
        params.append(account)
    return [Grant(*row) for row in journal.run(sql + " ORDER BY review_id, account, role",
                                               params)]


def require(journal: Any, account: str, review_id: str, permission: str) -> None:
    """Refuse, with what to do, unless `account` holds a role on the review allowing
    `permission`. Not refused: on the server, its administrator; in an SQLite file, whoever
    is not acting as one of its accounts (the coordinator who keeps the file)."""
    if may(journal, account, review_id, permission):
        return
    held = grants(journal, review_id=review_id, account=account)
    allowed = [ROLE_TITLES[r].split(" (")[0] for r, p in PERMISSIONS.items() if permission in p]
    roles = ", ".join(ROLE_TITLES[g.role].split(" (")[0] for g in held) or "no role"
    raise AccessRefused(
        f"{account} may not {WHAT[permission]} of {review_id} (they hold {roles} on it); "
        f"that needs the role of {' or '.join(allowed)}",
        hint="ask the review's business manager to give you that role "
             "(`casereview users grant`), if you should have it")


def may(journal: Any, account: str, review_id: str, permission: str) -> bool:
    if _server(journal) and _administers(journal):
        return True
    if not _server(journal) and not journal.run("SELECT 1 FROM accounts WHERE name = ?",
                                                (account,)):
        return True
    held = grants(journal, review_id=review_id, account=account)
    return any(permission in PERMISSIONS[g.role] for g in held if g.role in PERMISSIONS)


def require_submission(journal: Any, account: str, review_id: str, agency: str) -> None:
    """The review team records any agency's account; an agency author only their own."""
    if may(journal, account, review_id, "write"):
        return
    require(journal, account, review_id, "submit")
    own = [g.agency for g in grants(journal, review_id=review_id, account=account)
           if g.role == "agency-author"]
    if agency.casefold() not in {a.casefold() for a in own}:
        raise AccessRefused(
            f"{account} writes for {' and '.join(own)} on {review_id}, not for {agency}; "
            "nothing was recorded", hint="an agency author sends only their own agency's "
            "account; ask the review team if another agency's should be recorded")


def _administers(journal: Any) -> bool:
    """On the server: the connected login owns the tables (it created them)."""
    row = journal.run("SELECT pg_has_role(current_user, tableowner, 'MEMBER') FROM pg_tables "
                      "WHERE schemaname = current_schema() AND tablename = 'events'")
    return bool(row and row[0][0])
