//! Unit tests of the Dockerfile model (they need the parser).
