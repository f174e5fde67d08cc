"""Output: the report and its renderers, the publication check, exporters, the causal graph drawn
and exported, pseudonyms applied, the audit trail in sentences.
"""
