-- Letters become PDF documents (issue 5): the rendered PDF is stored with the letter, written once
-- with it, and downloaded as is (GET /api/letters/{id}.pdf). Letters written before this version
-- have none (null).
-- bytea is PostgreSQL's binary type and, in H2 2.x (demo profile), an alias of BINARY VARYING (up
-- to 1,000,000,000 bytes): the same statement runs on both.

alter table letter add column pdf bytea;
