FROM	alpine:3.20
LABEL	maintainer="Zoë Ångström <zoe@example.com>"	version="1.0"
# Tabs separate words above; multi-byte characters come before the value below.
ENV	GRÜSSE="héllo wörld 👋"	PATH=/usr/local/bin:$PATH
RUN	echo "$GRÜSSE" >	/tmp/ünïcode.txt
CMD	["cat", "/tmp/ünïcode.txt"]
