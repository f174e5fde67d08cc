"""Getting a report ready to publish: the identity register and the publication check.

    register = IdentityRegister.beside(journal.path)
    check = run_check(host, state, register.identities(state.id), publication_date=day)
    check.blocking / check.warnings / check.ready

The check's outcome is recorded (`guard.record_event`) and a review moves to "publication" only
after a passing check of the review as it stands (`guard.refusals`, called by the core's guard).
"""

from core.output.publication.check import PublicationCheck, run_check
from core.output.publication.identity import Identity, IdentityRegister, register_path
from core.output.publication.problems import Problem

__all__ = ["Identity", "IdentityRegister", "Problem", "PublicationCheck", "register_path",
           "run_check"]
