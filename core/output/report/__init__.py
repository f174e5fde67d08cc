"""The review's report: built from the core's sections and the methodology's, then rendered.

    report = build(host, state)          # core.output.report.build: title page and sections
    to_html(report) / to_markdown(report) / to_json(report)  # core.output.report.renderers
    to_docx(report)                                            # core.output.report.word

Sections are jinja2 templates (autoescape on) whose HTML output is read into simple blocks
(`core.output.report.model`), so every format says the same and nothing a template or a
user typed can become live markup. A methodology contributes sections with its
`report_sections` hook; see `core.output.report.sections` for the core's sections, their order,
and how to replace one.
"""
