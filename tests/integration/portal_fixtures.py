"""Kept for the modules that still import the portal register from here: it is the shared test register."""

from register_fixtures import PDF_BYTES, Register, build_register, register_fixture

__all__ = ["PDF_BYTES", "Register", "build_register", "register_fixture"]
