"""Getting a report ready to publish: the identity register and the publication check.

    register = IdentityRegister.beside(journal.path)
    check = run_check(host, state, register.identities(state.id), publication_date=day)
    check.blocking / check.warnings / check.ready

The check's outcome is recorded (`guard.record_event`) and a review moves to "publication" only
after a passing check of the review as it stands (`guard.refusals`, called by the core's guard).

The package imports nothing itself: each part is its own module (`check`, `identity`, `guard`,
`problems`, ...), so that a module needing one part does not load the whole check.
"""
