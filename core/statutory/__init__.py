"""The statutory engine: regimes as data, the criteria and the decision, the clocks and their
deadlines, the case profile, choosing a methodology and commissioning.
"""
