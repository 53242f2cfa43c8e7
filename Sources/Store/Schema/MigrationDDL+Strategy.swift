extension MigrationDDL {
    /// The strategy (pillars, actions, assessments, indicators and their values), the register of
    /// Decent Work Country Programmes with their outcomes, and the log of changes to them.
    static let version6 = """
        CREATE TABLE "strategy" (
            "id" TEXT PRIMARY KEY NOT NULL, "title" TEXT NOT NULL, "start_date" TEXT NOT NULL, "end_date" TEXT NOT NULL,
            "recorded_by" TEXT NOT NULL, "recorded_at" TEXT NOT NULL
        );
        CREATE TABLE "strategy_pillar" (
            "strategy_id" TEXT NOT NULL, "number" INTEGER NOT NULL, "title" TEXT NOT NULL, "outcome" TEXT NOT NULL,
            "recorded_by" TEXT NOT NULL, "recorded_at" TEXT NOT NULL
        );
        CREATE INDEX "strategy_pillar_strategy_id" ON "strategy_pillar" ("strategy_id");
        CREATE TABLE "strategy_action" (
            "strategy_id" TEXT NOT NULL, "pillar" INTEGER NOT NULL, "number" INTEGER NOT NULL, "text" TEXT NOT NULL,
            "recorded_by" TEXT NOT NULL, "recorded_at" TEXT NOT NULL
        );
        CREATE INDEX "strategy_action_strategy_id" ON "strategy_action" ("strategy_id");
        CREATE TABLE "strategy_assessment" (
            "id" INTEGER PRIMARY KEY NOT NULL, "strategy_id" TEXT NOT NULL, "pillar" INTEGER NOT NULL, "action" INTEGER,
            "review_date" TEXT NOT NULL, "data_as_of" TEXT, "rating" TEXT NOT NULL, "narrative" TEXT NOT NULL,
            "evidence" TEXT NOT NULL, "recorded_by" TEXT NOT NULL, "recorded_at" TEXT NOT NULL
        );
        CREATE INDEX "strategy_assessment_strategy_id_pillar" ON "strategy_assessment" ("strategy_id", "pillar");
        CREATE TABLE "strategy_indicator" (
            "strategy_id" TEXT NOT NULL, "id" TEXT NOT NULL, "pillar" INTEGER NOT NULL, "action" INTEGER,
            "title" TEXT NOT NULL, "unit" TEXT NOT NULL, "baseline" TEXT, "baseline_year" INTEGER, "targets" TEXT NOT NULL,
            "computed" TEXT, "recorded_by" TEXT NOT NULL, "recorded_at" TEXT NOT NULL
        );
        CREATE INDEX "strategy_indicator_strategy_id" ON "strategy_indicator" ("strategy_id");
        CREATE TABLE "indicator_value" (
            "id" INTEGER PRIMARY KEY NOT NULL, "strategy_id" TEXT NOT NULL, "indicator_id" TEXT NOT NULL,
            "value_date" TEXT NOT NULL, "value" TEXT NOT NULL, "source" TEXT NOT NULL, "recorded_by" TEXT NOT NULL,
            "recorded_at" TEXT NOT NULL
        );
        CREATE INDEX "indicator_value_strategy_id_indicator_id" ON "indicator_value" ("strategy_id", "indicator_id");
        CREATE TABLE "country_programme" (
            "id" INTEGER PRIMARY KEY NOT NULL, "code" TEXT NOT NULL, "country" TEXT NOT NULL, "title" TEXT NOT NULL,
            "start_date" TEXT NOT NULL, "end_date" TEXT NOT NULL, "committee_since" TEXT, "recorded_by" TEXT NOT NULL,
            "recorded_at" TEXT NOT NULL
        );
        CREATE INDEX "country_programme_code" ON "country_programme" ("code");
        CREATE TABLE "country_programme_outcome" (
            "programme_id" INTEGER NOT NULL, "code" TEXT NOT NULL, "text" TEXT NOT NULL
        );
        CREATE INDEX "country_programme_outcome_programme_id" ON "country_programme_outcome" ("programme_id");
        CREATE TABLE "change_log" (
            "id" INTEGER PRIMARY KEY NOT NULL, "entity" TEXT NOT NULL, "entity_key" TEXT NOT NULL, "change" TEXT NOT NULL,
            "recorded_by" TEXT NOT NULL, "recorded_at" TEXT NOT NULL
        );
        CREATE INDEX "change_log_entity_entity_key" ON "change_log" ("entity", "entity_key");
        """
}
