"""Row-level security on the shared server: the database itself decides which review's rows a
connection may read or write, from the roles in `review_roles` (see core.kernel.accounts).

Every casereview account is a PostgreSQL login role in the group role `casereview_member`,
which has table privileges only; the policies below then let it see a row only when it holds a
fitting role on that row's review. The owner of the tables (whoever created them) is the
administrator and is not bound by the policies. These statements run after the shared
migration of the same number, on PostgreSQL only.
"""

from __future__ import annotations

from core.kernel.accounts import MEMBER_GROUP, PERMISSIONS
from core.kernel.readmodels.schema import TABLES


def _roles_with(permission: str) -> str:
    return ", ".join(f"'{role}'" for role, allowed in PERMISSIONS.items() if permission in allowed)


def _holds(permission: str, table: str) -> str:
    """SQL true when the connected account holds a role with `permission` on the row's review.
    Members read only their own rows of review_roles, which is all this needs."""
    return (f"EXISTS (SELECT 1 FROM review_roles r WHERE r.account = current_user "
            f"AND r.review_id = {table}.review_id AND r.role IN ({_roles_with(permission)}))")


# An agency author reads only the events of their own agency's material: the agency's import
# (its "agency"), and an entry or submission the agency wrote (its value's "agency"), not an
# entry of another agency that merely says it was shared with theirs.
_OWN_AGENCY = ("EXISTS (SELECT 1 FROM review_roles r WHERE r.account = current_user "
               "AND r.review_id = events.review_id AND r.role = 'agency-author' "
               "AND r.agency IN (events.payload::jsonb ->> 'agency', "
               "events.payload::jsonb #>> '{value,agency}'))")

SERVER_MIGRATIONS: dict[int, tuple[str, ...]] = {
    2: (
        f"""DO $$ BEGIN
               IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{MEMBER_GROUP}') THEN
                   CREATE ROLE {MEMBER_GROUP} NOLOGIN;
               END IF;
               EXECUTE format('GRANT USAGE ON SCHEMA %I TO {MEMBER_GROUP}', current_schema());
           END $$""",
        f"GRANT SELECT ON casereview_meta, accounts, review_roles TO {MEMBER_GROUP}",
        f"GRANT SELECT, INSERT ON events, access_log TO {MEMBER_GROUP}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON snapshots TO {MEMBER_GROUP}",
        # The identity register: in a file beside an SQLite database, here in the server.
        """CREATE TABLE identities (
               review_id TEXT NOT NULL,
               pseudonym TEXT NOT NULL,
               real_name TEXT NOT NULL,
               PRIMARY KEY (review_id, pseudonym, real_name))""",
        """CREATE TABLE register_key (
               only_one BOOLEAN PRIMARY KEY CHECK (only_one),
               key TEXT NOT NULL)""",
        f"GRANT SELECT, INSERT, DELETE ON identities TO {MEMBER_GROUP}",
        f"GRANT SELECT, INSERT ON register_key TO {MEMBER_GROUP}",
        *(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"
          for table in ("events", "snapshots", "accounts", "review_roles", "access_log",
                        "identities", "register_key")),
        f"CREATE POLICY named_roles ON identities FOR ALL "
        f"USING ({_holds('identity', 'identities')})",
        # The key behind the register's fingerprint: for anyone who may use a register.
        "CREATE POLICY register_users ON register_key FOR ALL USING (EXISTS (SELECT 1 FROM "
        "review_roles r WHERE r.account = current_user AND r.role IN "
        f"({_roles_with('identity')})))",
        f"CREATE POLICY read_review ON events FOR SELECT USING ({_holds('read', 'events')} "
        f"OR {_OWN_AGENCY})",
        "CREATE POLICY change_review ON events FOR INSERT "
        f"WITH CHECK ({_holds('write', 'events')})",
        f"CREATE POLICY read_cache ON snapshots FOR SELECT USING ({_holds('read', 'snapshots')})",
        f"CREATE POLICY keep_cache ON snapshots FOR ALL USING ({_holds('write', 'snapshots')})",
        "CREATE POLICY own_account ON accounts FOR SELECT USING (name = current_user)",
        "CREATE POLICY own_roles ON review_roles FOR SELECT USING (account = current_user)",
        # A business manager gives and takes away roles on their own reviews, and sees the
        # partnership's accounts to do it. Asked through a function that reads review_roles
        # as its owner: a policy on review_roles cannot query review_roles itself.
        f"""CREATE FUNCTION casereview_manages(review TEXT, who TEXT) RETURNS BOOLEAN
               LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
               SELECT EXISTS (SELECT 1 FROM review_roles WHERE account = who
                   AND (review IS NULL OR review_id = review)
                   AND role IN ({_roles_with('roles')})) $$""",
        f"GRANT INSERT, DELETE ON review_roles TO {MEMBER_GROUP}",
        "CREATE POLICY managers_give_roles ON review_roles FOR ALL "
        "USING (casereview_manages(review_id, current_user))",
        "CREATE POLICY managers_see_accounts ON accounts FOR SELECT "
        "USING (casereview_manages(NULL, current_user))",
        # The inbox: an agency author sends for their own agency and sees what they sent; the
        # review team sees everything sent for the review.
        f"GRANT SELECT, INSERT ON inbox TO {MEMBER_GROUP}",
        "ALTER TABLE inbox ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY authors_send ON inbox FOR INSERT WITH CHECK (account = current_user AND "
        "EXISTS (SELECT 1 FROM review_roles r WHERE r.account = current_user AND r.review_id = "
        "inbox.review_id AND r.role = 'agency-author' AND r.agency = inbox.agency))",
        f"CREATE POLICY team_and_sender_read ON inbox FOR SELECT USING (account = current_user "
        f"OR {_holds('write', 'inbox')})",
        "CREATE POLICY log_own_reads ON access_log FOR INSERT WITH CHECK (account = current_user)",
        f"CREATE POLICY read_log ON access_log FOR SELECT USING ({_holds('audit', 'access_log')})",
    ),
}


def read_model_security() -> tuple[str, ...]:
    """Row-level security for the read models (core.kernel.readmodels), as for the events: a
    review's readers read its rows, its writers keep them. Run each time the tables are made
    afresh."""
    statements: list[str] = []
    for table in TABLES:
        statements += [
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {MEMBER_GROUP}",
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"CREATE POLICY read_review ON {table} FOR SELECT USING ({_holds('read', table)})",
            f"CREATE POLICY keep_review ON {table} FOR ALL USING ({_holds('write', table)})",
        ]
    return tuple(statements)
