"""Forms stage: form definitions (settings + Table Schema) -> form model -> the form page's controls."""
