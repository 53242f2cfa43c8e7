/// The DDL of each released migration, as literal text: a migration creates what it created when it
/// was released, whatever ``Schema`` (the tables as they are now) has become since.
///
/// Written in SQLite's words. On PostgreSQL ``Migrations`` reads each `INTEGER` as `BIGINT` (SQLKit
/// wrote the same 64-bit integers that way for the two engines), and a migration whose change
/// cannot be said the same way on both (versions 3 and 5) has PostgreSQL text of its own. Each statement
/// ends with `;` at the end of a line. `"id" INTEGER PRIMARY KEY` is SQLite's rowid on purpose.
enum MigrationDDL {
    /// Datasets, activities, their projections, organisations.
    static let version1 = """
        CREATE TABLE "dataset" (
            "id" INTEGER PRIMARY KEY NOT NULL, "name" TEXT NOT NULL, "path" TEXT, "sha256" TEXT NOT NULL,
            "size" INTEGER, "kind" TEXT, "version" TEXT, "reporting_org" TEXT, "namespaces" TEXT,
            "envelope" TEXT, "activity_count" INTEGER, "organisation_count" INTEGER,
            "transaction_count" INTEGER, "budget_count" INTEGER, "duplicate_count" INTEGER, "upgraded" INTEGER,
            "status" TEXT NOT NULL, "error" TEXT, "imported_at" TEXT NOT NULL
        );
        CREATE INDEX "dataset_sha256" ON "dataset" ("sha256");
        CREATE TABLE "activity" (
            "id" INTEGER PRIMARY KEY NOT NULL, "dataset_id" INTEGER NOT NULL, "reporting_org" TEXT NOT NULL,
            "iati_identifier" TEXT NOT NULL, "identifier_missing" INTEGER, "version" TEXT, "upgraded" INTEGER,
            "hierarchy" TEXT, "default_currency" TEXT, "default_lang" TEXT, "activity_status" TEXT,
            "activity_scope" TEXT, "humanitarian" TEXT, "last_updated" TEXT, "start_date" DATE, "end_date" DATE,
            "title" TEXT, "line" INTEGER, "xml" TEXT NOT NULL
        );
        CREATE INDEX "activity_dataset_id" ON "activity" ("dataset_id");
        CREATE UNIQUE INDEX "activity_reporting_org_iati_identifier_key" ON "activity" ("reporting_org", "iati_identifier");
        CREATE TABLE "activity_transaction" (
            "activity_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "ref" TEXT, "type" TEXT,
            "transaction_date" DATE, "value" NUMERIC, "currency" TEXT, "value_date" DATE,
            "provider_org_ref" TEXT, "provider_org_name" TEXT, "provider_activity_id" TEXT,
            "receiver_org_ref" TEXT, "receiver_org_name" TEXT, "receiver_activity_id" TEXT, "flow_type" TEXT,
            "finance_type" TEXT, "aid_type" TEXT, "tied_status" TEXT, "disbursement_channel" TEXT,
            "humanitarian" TEXT, "sector_code" TEXT, "recipient_country" TEXT, "recipient_region" TEXT,
            "description" TEXT
        );
        CREATE INDEX "activity_transaction_activity_id" ON "activity_transaction" ("activity_id");
        CREATE TABLE "budget" (
            "activity_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "type" TEXT, "status" TEXT,
            "period_start" DATE, "period_end" DATE, "value" NUMERIC, "currency" TEXT, "value_date" DATE
        );
        CREATE INDEX "budget_activity_id" ON "budget" ("activity_id");
        CREATE TABLE "planned_disbursement" (
            "activity_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "type" TEXT, "period_start" DATE,
            "period_end" DATE, "value" NUMERIC, "currency" TEXT, "value_date" DATE, "provider_org_ref" TEXT,
            "receiver_org_ref" TEXT
        );
        CREATE INDEX "planned_disbursement_activity_id" ON "planned_disbursement" ("activity_id");
        CREATE TABLE "participating_org" (
            "activity_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "ref" TEXT, "type" TEXT, "role" TEXT,
            "org_activity_id" TEXT, "crs_channel_code" TEXT, "name" TEXT
        );
        CREATE INDEX "participating_org_activity_id" ON "participating_org" ("activity_id");
        CREATE TABLE "sector" (
            "activity_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "code" TEXT, "vocabulary" TEXT,
            "vocabulary_uri" TEXT, "percentage" NUMERIC, "name" TEXT
        );
        CREATE INDEX "sector_activity_id" ON "sector" ("activity_id");
        CREATE TABLE "recipient_country" (
            "activity_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "code" TEXT, "percentage" NUMERIC,
            "name" TEXT
        );
        CREATE INDEX "recipient_country_activity_id" ON "recipient_country" ("activity_id");
        CREATE TABLE "recipient_region" (
            "activity_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "code" TEXT, "vocabulary" TEXT,
            "vocabulary_uri" TEXT, "percentage" NUMERIC, "name" TEXT
        );
        CREATE INDEX "recipient_region_activity_id" ON "recipient_region" ("activity_id");
        CREATE TABLE "policy_marker" (
            "activity_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "code" TEXT, "vocabulary" TEXT,
            "vocabulary_uri" TEXT, "significance" TEXT, "name" TEXT
        );
        CREATE INDEX "policy_marker_activity_id" ON "policy_marker" ("activity_id");
        CREATE TABLE "tag" (
            "activity_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "code" TEXT, "vocabulary" TEXT,
            "vocabulary_uri" TEXT, "name" TEXT
        );
        CREATE INDEX "tag_activity_id" ON "tag" ("activity_id");
        CREATE TABLE "location" (
            "activity_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "ref" TEXT, "name" TEXT, "description" TEXT,
            "point" TEXT, "exactness" TEXT, "location_class" TEXT, "feature_designation" TEXT,
            "administrative" TEXT
        );
        CREATE INDEX "location_activity_id" ON "location" ("activity_id");
        CREATE TABLE "document_link" (
            "activity_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "url" TEXT, "format" TEXT, "title" TEXT,
            "category" TEXT, "language" TEXT, "document_date" DATE
        );
        CREATE INDEX "document_link_activity_id" ON "document_link" ("activity_id");
        CREATE TABLE "result" (
            "activity_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "type" TEXT, "aggregation_status" TEXT,
            "title" TEXT, "indicator_count" INTEGER
        );
        CREATE INDEX "result_activity_id" ON "result" ("activity_id");
        CREATE TABLE "indicator" (
            "activity_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "result_seq" INTEGER NOT NULL,
            "measure" TEXT, "ascending" TEXT, "title" TEXT, "baseline_year" TEXT, "baseline_value" TEXT
        );
        CREATE INDEX "indicator_activity_id" ON "indicator" ("activity_id");
        CREATE TABLE "indicator_period" (
            "activity_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "result_seq" INTEGER NOT NULL,
            "indicator_seq" INTEGER NOT NULL, "period_start" DATE, "period_end" DATE, "target_value" TEXT,
            "actual_value" TEXT
        );
        CREATE INDEX "indicator_period_activity_id" ON "indicator_period" ("activity_id");
        CREATE TABLE "narrative" (
            "activity_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "element" TEXT NOT NULL, "lang" TEXT,
            "text" TEXT NOT NULL
        );
        CREATE INDEX "narrative_activity_id" ON "narrative" ("activity_id");
        CREATE TABLE "organisation" (
            "id" INTEGER PRIMARY KEY NOT NULL, "dataset_id" INTEGER NOT NULL, "reporting_org" TEXT NOT NULL,
            "identifier" TEXT NOT NULL, "name" TEXT, "default_currency" TEXT, "last_updated" TEXT,
            "line" INTEGER, "xml" TEXT NOT NULL
        );
        CREATE INDEX "organisation_dataset_id" ON "organisation" ("dataset_id");
        CREATE UNIQUE INDEX "organisation_reporting_org_identifier_key" ON "organisation" ("reporting_org", "identifier");
        CREATE TABLE "organisation_budget" (
            "organisation_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "kind" TEXT NOT NULL, "target" TEXT,
            "status" TEXT, "period_start" DATE, "period_end" DATE, "value" NUMERIC, "currency" TEXT,
            "value_date" DATE
        );
        CREATE INDEX "organisation_budget_organisation_id" ON "organisation_budget" ("organisation_id");
        """

    /// What validation found in each dataset.
    static let version2 = """
        CREATE TABLE "dataset_validation" (
            "dataset_id" INTEGER PRIMARY KEY NOT NULL, "valid_schema" INTEGER NOT NULL,
            "critical_count" INTEGER NOT NULL, "error_count" INTEGER NOT NULL, "warning_count" INTEGER NOT NULL,
            "info_count" INTEGER NOT NULL
        );
        CREATE TABLE "finding" (
            "dataset_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "severity" TEXT NOT NULL,
            "category" TEXT NOT NULL, "rule" TEXT NOT NULL, "message" TEXT NOT NULL, "line" INTEGER,
            "xpath" TEXT, "activity_identifier" TEXT
        );
        CREATE INDEX "finding_dataset_id" ON "finding" ("dataset_id");
        CREATE INDEX "finding_activity_identifier" ON "finding" ("activity_identifier");
        """

    /// Money as exact text, with the integers that sum it (``Amount``). SQLite cannot change a
    /// column's type, so each table with an amount is rebuilt by its documented procedure (create
    /// the new table, copy, drop, rename, index again); the copy puts each REAL `value` into a TEXT
    /// column, which stores it as `CAST(value AS TEXT)` does: the shortest text that reads back as
    /// the same double (all the old store kept; `1.5e+15` for large ones). ``AmountBackfill`` then
    /// makes that text plain and fills the integers.
    static let version3SQLite = """
        CREATE TABLE "activity_transaction_v3" (
            "activity_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "ref" TEXT, "type" TEXT,
            "transaction_date" DATE, "value" TEXT, "currency" TEXT, "value_date" DATE, "provider_org_ref" TEXT,
            "provider_org_name" TEXT, "provider_activity_id" TEXT, "receiver_org_ref" TEXT,
            "receiver_org_name" TEXT, "receiver_activity_id" TEXT, "flow_type" TEXT, "finance_type" TEXT,
            "aid_type" TEXT, "tied_status" TEXT, "disbursement_channel" TEXT, "humanitarian" TEXT,
            "sector_code" TEXT, "recipient_country" TEXT, "recipient_region" TEXT, "description" TEXT,
            "value_whole" INTEGER, "value_nanos" INTEGER
        );
        INSERT INTO "activity_transaction_v3" SELECT *, NULL, NULL FROM "activity_transaction";
        DROP TABLE "activity_transaction";
        ALTER TABLE "activity_transaction_v3" RENAME TO "activity_transaction";
        CREATE INDEX "activity_transaction_activity_id" ON "activity_transaction" ("activity_id");
        CREATE TABLE "budget_v3" (
            "activity_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "type" TEXT, "status" TEXT,
            "period_start" DATE, "period_end" DATE, "value" TEXT, "currency" TEXT, "value_date" DATE,
            "value_whole" INTEGER, "value_nanos" INTEGER
        );
        INSERT INTO "budget_v3" SELECT *, NULL, NULL FROM "budget";
        DROP TABLE "budget";
        ALTER TABLE "budget_v3" RENAME TO "budget";
        CREATE INDEX "budget_activity_id" ON "budget" ("activity_id");
        CREATE TABLE "planned_disbursement_v3" (
            "activity_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "type" TEXT, "period_start" DATE,
            "period_end" DATE, "value" TEXT, "currency" TEXT, "value_date" DATE, "provider_org_ref" TEXT,
            "receiver_org_ref" TEXT, "value_whole" INTEGER, "value_nanos" INTEGER
        );
        INSERT INTO "planned_disbursement_v3" SELECT *, NULL, NULL FROM "planned_disbursement";
        DROP TABLE "planned_disbursement";
        ALTER TABLE "planned_disbursement_v3" RENAME TO "planned_disbursement";
        CREATE INDEX "planned_disbursement_activity_id" ON "planned_disbursement" ("activity_id");
        CREATE TABLE "organisation_budget_v3" (
            "organisation_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "kind" TEXT NOT NULL, "target" TEXT,
            "status" TEXT, "period_start" DATE, "period_end" DATE, "value" TEXT, "currency" TEXT,
            "value_date" DATE, "value_whole" INTEGER, "value_nanos" INTEGER
        );
        INSERT INTO "organisation_budget_v3" SELECT *, NULL, NULL FROM "organisation_budget";
        DROP TABLE "organisation_budget";
        ALTER TABLE "organisation_budget_v3" RENAME TO "organisation_budget";
        CREATE INDEX "organisation_budget_organisation_id" ON "organisation_budget" ("organisation_id");
        """

    /// ``version3SQLite`` on PostgreSQL, where NUMERIC was exact and its text is the amount as published.
    static let version3PostgreSQL = """
        ALTER TABLE "activity_transaction" ALTER COLUMN "value" TYPE TEXT USING "value"::text,
            ADD COLUMN "value_whole" BIGINT, ADD COLUMN "value_nanos" BIGINT;
        ALTER TABLE "budget" ALTER COLUMN "value" TYPE TEXT USING "value"::text,
            ADD COLUMN "value_whole" BIGINT, ADD COLUMN "value_nanos" BIGINT;
        ALTER TABLE "planned_disbursement" ALTER COLUMN "value" TYPE TEXT USING "value"::text,
            ADD COLUMN "value_whole" BIGINT, ADD COLUMN "value_nanos" BIGINT;
        ALTER TABLE "organisation_budget" ALTER COLUMN "value" TYPE TEXT USING "value"::text,
            ADD COLUMN "value_whole" BIGINT, ADD COLUMN "value_nanos" BIGINT;
        """

    /// The agency's portfolio: classified, converted transactions; the ECB rate files loaded; settings.
    static let version4 = """
        CREATE TABLE "portfolio_fact" (
            "activity_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "reporting_org" TEXT NOT NULL,
            "type" TEXT NOT NULL, "year" INTEGER, "fact_date" DATE, "partner" TEXT, "partner_ref" TEXT,
            "funding_source" TEXT, "modality" TEXT, "region" TEXT NOT NULL, "country" TEXT, "outcome" TEXT,
            "sstc" INTEGER NOT NULL, "currency" TEXT, "value" TEXT, "usd" TEXT, "unconverted" TEXT,
            "rate_date" DATE, "value_whole" INTEGER, "value_nanos" INTEGER, "usd_whole" INTEGER, "usd_nanos" INTEGER
        );
        CREATE INDEX "portfolio_fact_activity_id" ON "portfolio_fact" ("activity_id");
        CREATE INDEX "portfolio_fact_type_year" ON "portfolio_fact" ("type", "year");
        CREATE TABLE "exchange_rate_file" (
            "id" INTEGER PRIMARY KEY NOT NULL, "source" TEXT NOT NULL, "first_day" DATE, "last_day" DATE,
            "loaded_at" TEXT NOT NULL, "csv" TEXT NOT NULL
        );
        CREATE TABLE "store_setting" ("name" TEXT PRIMARY KEY NOT NULL, "value" TEXT);
        """

    /// Full-text search over the title and description narratives, in every language (Chinese
    /// too): on SQLite an FTS5 table with the `trigram` tokenizer, one row per activity (its rowid
    /// the activity's id, its text every narrative joined by newlines), contentless since
    /// `narrative` keeps the text; filled here for the activities a store already holds.
    static let version5SQLite = """
        CREATE VIRTUAL TABLE "activity_search" USING fts5(
            "text", content='', contentless_delete=1, tokenize='trigram'
        );
        INSERT INTO "activity_search" ("rowid", "text")
            SELECT "activity_id", group_concat("text", char(10)) FROM "narrative" GROUP BY "activity_id";
        """

    /// ``version5SQLite`` on PostgreSQL: a trigram GIN index on the narratives themselves, which
    /// PostgreSQL keeps in step by itself. `pg_trgm` is a trusted extension (PostgreSQL 13 and
    /// later): the database's owner may create it.
    static let version5PostgreSQL = """
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX "narrative_text_trgm" ON "narrative" USING gin ("text" gin_trgm_ops);
        """

    /// E&S screening (seed §34) and the agency's pipeline: each screening of a project (an IATI
    /// activity by its `iati-identifier`, so that it outlives re-imports) with its answers and the
    /// measures it requires, and every status change of the project, dated and attributed.
    static let version7 = """
        CREATE TABLE "screening" (
            "id" INTEGER PRIMARY KEY NOT NULL, "iati_identifier" TEXT NOT NULL, "checklist_version" INTEGER NOT NULL,
            "category" TEXT NOT NULL, "rule" INTEGER NOT NULL, "screened_by" TEXT NOT NULL, "screened_at" TEXT NOT NULL
        );
        CREATE INDEX "screening_iati_identifier" ON "screening" ("iati_identifier");
        CREATE TABLE "screening_answer" (
            "screening_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "question" TEXT NOT NULL, "answer" TEXT NOT NULL
        );
        CREATE INDEX "screening_answer_screening_id" ON "screening_answer" ("screening_id");
        CREATE TABLE "screening_measure" (
            "screening_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "measure" TEXT NOT NULL, "text" TEXT NOT NULL
        );
        CREATE INDEX "screening_measure_screening_id" ON "screening_measure" ("screening_id");
        CREATE TABLE "pipeline_status" (
            "id" INTEGER PRIMARY KEY NOT NULL, "iati_identifier" TEXT NOT NULL, "status" TEXT NOT NULL,
            "changed_by" TEXT NOT NULL, "changed_at" TEXT NOT NULL
        );
        CREATE INDEX "pipeline_status_iati_identifier" ON "pipeline_status" ("iati_identifier");
        """

    /// Which activities of a file that fails the schema validate on their own: the start lines of
    /// those with a schema finding, and whether a dataset's validation knew them.
    static let version8 = """
        CREATE TABLE "schema_finding_line" ("dataset_id" INTEGER NOT NULL, "line" INTEGER NOT NULL);
        CREATE INDEX "schema_finding_line_dataset_id_line" ON "schema_finding_line" ("dataset_id", "line");
        ALTER TABLE "dataset_validation" ADD COLUMN "activity_verdicts" INTEGER;
        """

    /// The search index merges its segments 16 at a time instead of FTS5's 4: each import adds a
    /// segment, and merging them four by four took about a tenth of a folder import's time
    /// (5.3–5.4 s against 6.0 s for the generated corpus without validation, three runs each).
    /// Queries read a few more segments. SQLite only: PostgreSQL's index needs nothing.
    static let version9SQLite = """
        INSERT INTO "activity_search" ("activity_search", "rank") VALUES ('automerge', 16);
        """

    /// The search index keeps which activities hold each trigram, not where (`detail=none`): a
    /// ninth of the size, and 0.3–0.6 s less of a folder import's 4.1–5.1 s (the generated corpus
    /// without validation, three runs of each index taking turns). A
    /// query then finds the activities that hold every trigram of its text, and checks those
    /// against the narratives themselves (``NarrativeSearch``). Rebuilt from `narrative`.
    /// SQLite only.
    static let version10SQLite = """
        DROP TABLE "activity_search";
        CREATE VIRTUAL TABLE "activity_search" USING fts5(
            "text", content='', contentless_delete=1, tokenize='trigram', detail=none
        );
        INSERT INTO "activity_search" ("activity_search", "rank") VALUES ('automerge', 16);
        INSERT INTO "activity_search" ("rowid", "text")
            SELECT "activity_id", group_concat("text", char(10)) FROM "narrative" GROUP BY "activity_id";
        """

    /// Why a file failed to import, as a kind (`malformed`, `not-iati`, `refused`, …) and the line
    /// it is at, beside the message in `error`. Files that failed before are left without.
    static let version11 = """
        ALTER TABLE "dataset" ADD COLUMN "failure" TEXT;
        ALTER TABLE "dataset" ADD COLUMN "failure_line" INTEGER;
        """
}
