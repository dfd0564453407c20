-- DropIndex
DROP INDEX "AnnualReview_laId_nextDeadlineOn_id_idx";

-- CreateIndex
CREATE INDEX "AnnualReview_laId_nextDeadlineOn_id_status_idx" ON "AnnualReview"("laId", "nextDeadlineOn", "id", "status");
