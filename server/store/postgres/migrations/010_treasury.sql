-- 010: the treasury's data (docs/treasury.md): payments from the centralized payment platform,
-- keyed by voucher number so an overlapping export never counts a payment twice, and each
-- project's approved budget for a year. Numbered apart from the forms' migrations on purpose.

CREATE TABLE treasury_payments (
  voucher     text    PRIMARY KEY,
  paid_on     text    NOT NULL,             -- YYYY-MM-DD, so text order is date order
  year        integer NOT NULL,
  unit        text    NOT NULL,
  project     text    NOT NULL,
  amount_fen  bigint  NOT NULL,
  functional  text,
  economic    text,
  fund_nature text,
  payee       text
);
CREATE INDEX treasury_payments_by_project ON treasury_payments (unit, project, paid_on);
CREATE INDEX treasury_payments_by_year ON treasury_payments (year, unit);

CREATE TABLE treasury_budgets (
  year         integer NOT NULL,
  unit         text    NOT NULL,
  project      text    NOT NULL,
  approved     double precision NOT NULL,   -- 万元
  adjusted     double precision,
  unit_name    text,
  project_name text,
  PRIMARY KEY (year, unit, project)
);
