"""The applications on top: the command line, the live learning-session server, the demo, and
the core's own plugin (the guards every review needs).
"""
