"""The built-in statutory regimes, each a plugin registered through the `register_regimes` hook
exactly as a local area's own regime would be (see the entry points in pyproject.toml).

- `england-scr-2013`: England, serious case reviews (Working Together 2013, the seed's regime);
- `england-cspr-2018`: England, child safeguarding practice reviews (2018 onward);
- `wales-cpr`: Wales, child practice reviews (2013 onward).
"""
