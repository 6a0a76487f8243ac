# broken: `FORM` on line 2 and `RUNN` on line 3 are not instructions (typos for FROM and RUN)
FORM alpine:3.20
RUNN echo typo
FROM alpine:3.20
CMD ["sh"]
