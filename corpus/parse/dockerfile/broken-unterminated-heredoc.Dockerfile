# broken: the heredoc `EOF` opened on line 3 is never closed, so its body runs to the end of the file
FROM alpine:3.20
RUN <<EOF
echo "this body never ends"
CMD ["sh"]
