# broken: only comments and a directive, no instruction at all (BuildKit: file with no instructions)
# syntax=docker/dockerfile:1

# nothing here
