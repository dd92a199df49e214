"""Text as pure functions: extraction, cleaning, parsing, Polish lemmas (no Django import)."""
