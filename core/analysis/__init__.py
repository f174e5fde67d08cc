"""Analysis: findings, recommendations and actions, learning events, the quality markers, and
the review team's written material.
"""
