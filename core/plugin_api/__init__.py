"""The plugin contract: the hook specifications, the plugin host, the values hooks exchange
(methodologies, the causal graph), lazy hook implementations, and `reviews`, the one way a
review changes (every plugin's guards asked). What a plugin proposes to change passes through
core.analysis.changes, which checks it as the equivalent command would.
"""
