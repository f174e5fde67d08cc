"""The plugin contract: the hook specifications, the plugin host, the values hooks exchange
(methodologies, the causal graph) and the one door through which every change reaches the
journal (`reviews`, `changes`).
"""
