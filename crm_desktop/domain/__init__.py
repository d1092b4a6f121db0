"""Plain data, enums, validation and errors. Imports nothing else of ours."""
