# syntax=docker/dockerfile:1
FROM alpine:3.20
# Two heredocs on one line: their bodies follow in order.
RUN <<FILE1 cat > /a.txt && <<FILE2 cat > /b.txt
first body
FILE1
second body
FILE2
# A comment line right after the terminator.
RUN <<-EOT sh
	echo "leading tabs are stripped with <<-"
	EOT
# Quoted delimiters: no expansion in the body.
RUN <<"EOF" sh
echo "$HOME stays literal"
EOF
COPY <<'CONF' <<NOTE /etc/app/
key = value
CONF
note for $USER
NOTE
RUN python3 <<PY
print("python heredoc")
PY
CMD ["sh"]
