# broken: FROM on line 2 names no image, and the stage on line 4 builds on it
FROM
RUN echo "no base image"
FROM alpine:3.20
CMD ["sh"]
