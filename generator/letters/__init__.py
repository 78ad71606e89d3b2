"""Letters and forms: case files, kinds, rendering to Markdown, DOCX, HTML and PDF."""
