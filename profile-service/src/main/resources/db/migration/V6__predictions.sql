-- Scores predicted by the decision engine's models (churn risk, predicted NPS, ...), the latest per name,
-- each with the model and version that made it.
ALTER TABLE profile ADD COLUMN predictions JSONB NOT NULL DEFAULT '{}'::jsonb;
