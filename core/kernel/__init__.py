"""The kernel: the model, the journal and its read models, a review's state, the lifecycle,
errors and the small helpers everything else uses. It imports nothing else of casereview.
"""
