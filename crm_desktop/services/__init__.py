"""Use cases: one function per thing a user does. Returns plain data, announces changes."""
