"""Evidence: agencies' chronologies, information requests, written submissions, the agencies'
inbox and the knowledge horizon.
"""
