-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AmendmentProposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "origin" TEXT NOT NULL DEFAULT 'SCHOOL',
    "section" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "currentWording" TEXT NOT NULL,
    "proposedWording" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "laDecision" TEXT,
    "laWording" TEXT,
    "laReason" TEXT NOT NULL DEFAULT '',
    "finalWording" TEXT,
    "finalDropped" BOOLEAN NOT NULL DEFAULT false,
    "finalReason" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AmendmentProposal_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "AnnualReview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AmendmentProposal_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_AmendmentProposal" ("createdAt", "createdById", "currentWording", "id", "laDecision", "laReason", "laWording", "origin", "position", "proposedWording", "reason", "reviewId", "section", "updatedAt") SELECT "createdAt", "createdById", "currentWording", "id", "laDecision", "laReason", "laWording", "origin", "position", "proposedWording", "reason", "reviewId", "section", "updatedAt" FROM "AmendmentProposal";
DROP TABLE "AmendmentProposal";
ALTER TABLE "new_AmendmentProposal" RENAME TO "AmendmentProposal";
CREATE INDEX "AmendmentProposal_reviewId_section_position_idx" ON "AmendmentProposal"("reviewId", "section", "position");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
