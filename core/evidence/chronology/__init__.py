"""Agency chronologies: reading them in (`importer`, `reading`, `cells`, `columns`, `limits`,
`split`, `replace`), the merged timeline (`merge`), likely duplicates (`duplicates`) and
exporting it (`export`). The package imports nothing itself: a command loads only the parts it
uses.
"""
