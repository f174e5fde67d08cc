"""The identity register must be the one the audit trail knows, or protection is off unseen.

Copy `casereview.db` without `casereview.identities.db`, or put another register beside it, and
a check against it would look for no names, or the wrong ones, and pass. The journal keeps the
register's fingerprint (core.output.publication.guard), so a command that reads the register first
compares the two: when the journal says the register held names, a missing register, or one
whose entries differ, is an error naming the file expected. Nothing is created in its place.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.kernel.errors import ConflictError, StoreError
from core.output.publication.guard import identities_fingerprint, note_register
from core.output.publication.identity import Identity, IdentityRegister, register_path

REPLACE_OPTION = "--replace-lost-register"


def _restore_hint(review_id: str, path: str) -> str:
    return (f"put the register that belongs with this database back at {path} (copy it "
            f"together with the database); only if it is lost for good, register every real "
            f"name again with `casereview identity {review_id} add {REPLACE_OPTION} "
            "--pseudonym ...`")


def open_register(database: str, review: Any, *, replace_lost: bool = False
                  ) -> IdentityRegister | None:
    """The register beside `database`, checked against what the journal of `review` says; None
    when there is no register and the journal never heard of names (nothing to protect).
    With `replace_lost` a missing or different register is accepted (and a missing one created):
    the coordinator is registering the names again."""
    path = register_path(database)
    expected = identities_fingerprint(review)
    missing = path != ":memory:" and "://" not in path and not Path(path).exists()
    if missing and not replace_lost:
        if expected is None:
            return None
        raise StoreError(
            f"the identity register {path} is missing: the audit trail of {review.id} says it "
            "holds real names to keep out of the report, and without it they cannot be "
            "protected; nothing was changed", hint=_restore_hint(review.id, path))
    register = IdentityRegister.open(path)
    if expected is not None and not replace_lost:
        try:
            found = register.fingerprint(review.id)
        except BaseException:
            register.close()
            raise
        if found != expected:
            register.close()
            raise StoreError(
                f"the identity register {path} is not the one the audit trail of {review.id} "
                "knows: it holds other real names, or none; nothing was changed",
                hint=_restore_hint(review.id, path))
    return register


def checked_identities(database: str, review: Any) -> tuple[list[Identity], str | None]:
    """(the registered names of `review`, the register's fingerprint), from a register that
    matches the journal."""
    register = open_register(database, review)
    if register is None:
        return [], None
    try:
        return register.identities(review.id), register.fingerprint(review.id)
    finally:
        register.close()


def add_and_note(reviews: Any, review_id: str, register: IdentityRegister, real_name: str,
                 pseudonym: str) -> Identity:
    """Register a real name and tell the journal the register's new fingerprint: both or
    neither. Someone else writing to the review in between is retried (the fingerprint does
    not depend on their change); any other failure takes the name out of the register again."""
    before = register.identities(review_id)
    added = register.add(review_id, real_name, pseudonym)
    _note_or_undo(reviews, review_id, register,
                  lambda: None if added in before else register.discard(review_id, added))
    return added


def remove_and_note(reviews: Any, review_id: str, register: IdentityRegister,
                    pseudonym: str) -> int:
    """Forget the names registered for `pseudonym` and tell the journal: both or neither."""
    gone = [i for i in register.identities(review_id) if i.pseudonym == pseudonym]
    removed = register.remove(review_id, pseudonym)

    def undo() -> None:
        for identity in gone:
            register.add(review_id, identity.real_name, identity.pseudonym)

    _note_or_undo(reviews, review_id, register, undo)
    return removed


def _note_or_undo(reviews: Any, review_id: str, register: IdentityRegister, undo: Any) -> None:
    for attempt in range(1, 4):
        try:
            note_register(reviews, review_id, register)
            return
        except ConflictError:
            if attempt == 3:
                undo()
                raise
        except BaseException:
            undo()
            raise
