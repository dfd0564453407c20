-- DropIndex
DROP INDEX "AnnualReview_laId_status_nextDeadlineOn_idx";

-- CreateIndex
CREATE INDEX "Child_id_laId_caseworkerId_schoolId_phaseTransfer_idx" ON "Child"("id", "laId", "caseworkerId", "schoolId", "phaseTransfer");

-- CreateIndex
CREATE INDEX "Child_laId_searchText_idx" ON "Child"("laId", "searchText");

-- CreateIndex
CREATE INDEX "EhcPlan_status_reviewDueOn_childId_id_idx" ON "EhcPlan"("status", "reviewDueOn", "childId", "id");

-- CreateIndex
CREATE INDEX "AnnualReview_laId_status_nextDeadlineOn_childId_idx" ON "AnnualReview"("laId", "status", "nextDeadlineOn", "childId");

-- CreateIndex
CREATE INDEX "AnnualReview_laId_nextDeadlineOn_id_idx" ON "AnnualReview"("laId", "nextDeadlineOn", "id");

-- CreateIndex
CREATE INDEX "AnnualReview_childId_status_idx" ON "AnnualReview"("childId", "status");

-- CreateIndex
CREATE INDEX "AnnualReview_id_laId_idx" ON "AnnualReview"("id", "laId");
