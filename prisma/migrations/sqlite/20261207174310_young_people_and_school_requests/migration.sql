-- CreateTable
CREATE TABLE "SchoolRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "representationId" TEXT,
    "schoolId" TEXT,
    "schoolName" TEXT NOT NULL,
    "consultedOn" TEXT,
    "consulteeResponse" TEXT NOT NULL DEFAULT '',
    "outcome" TEXT,
    "refusalGrounds" TEXT NOT NULL DEFAULT '',
    "refusalReasons" TEXT NOT NULL DEFAULT '',
    "decidedOn" TEXT,
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SchoolRequest_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "AnnualReview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SchoolRequest_representationId_fkey" FOREIGN KEY ("representationId") REFERENCES "Representation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "SchoolRequest_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "SchoolRequest_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Child" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "laId" TEXT NOT NULL,
    "schoolId" TEXT,
    "caseworkerId" TEXT,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "dateOfBirth" TEXT NOT NULL,
    "upn" TEXT NOT NULL,
    "yearGroup" INTEGER,
    "phaseTransfer" TEXT,
    "parentName" TEXT NOT NULL DEFAULT '',
    "parentEmail" TEXT NOT NULL DEFAULT '',
    "youngPersonEmail" TEXT NOT NULL DEFAULT '',
    "youngPersonParentCopyAgreedOn" TEXT,
    "youngPersonLacksCapacity" BOOLEAN NOT NULL DEFAULT false,
    "representativeRole" TEXT,
    "representativeName" TEXT NOT NULL DEFAULT '',
    "representativeEmail" TEXT NOT NULL DEFAULT '',
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Child_laId_fkey" FOREIGN KEY ("laId") REFERENCES "LocalAuthority" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Child_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Child_caseworkerId_fkey" FOREIGN KEY ("caseworkerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Child" ("caseworkerId", "createdAt", "dateOfBirth", "firstName", "id", "laId", "lastName", "parentEmail", "parentName", "phaseTransfer", "schoolId", "searchText", "updatedAt", "upn", "yearGroup", "youngPersonEmail") SELECT "caseworkerId", "createdAt", "dateOfBirth", "firstName", "id", "laId", "lastName", "parentEmail", "parentName", "phaseTransfer", "schoolId", "searchText", "updatedAt", "upn", "yearGroup", "youngPersonEmail" FROM "Child";
DROP TABLE "Child";
ALTER TABLE "new_Child" RENAME TO "Child";
CREATE UNIQUE INDEX "Child_upn_key" ON "Child"("upn");
CREATE INDEX "Child_laId_lastName_firstName_idx" ON "Child"("laId", "lastName", "firstName");
CREATE INDEX "Child_schoolId_lastName_firstName_idx" ON "Child"("schoolId", "lastName", "firstName");
CREATE INDEX "Child_caseworkerId_idx" ON "Child"("caseworkerId");
CREATE INDEX "Child_id_laId_caseworkerId_schoolId_phaseTransfer_idx" ON "Child"("id", "laId", "caseworkerId", "schoolId", "phaseTransfer");
CREATE INDEX "Child_laId_searchText_idx" ON "Child"("laId", "searchText");
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
    "addedAfterNotice" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AmendmentProposal_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "AnnualReview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AmendmentProposal_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_AmendmentProposal" ("createdAt", "createdById", "currentWording", "finalDropped", "finalReason", "finalWording", "id", "laDecision", "laReason", "laWording", "origin", "position", "proposedWording", "reason", "reviewId", "section", "updatedAt") SELECT "createdAt", "createdById", "currentWording", "finalDropped", "finalReason", "finalWording", "id", "laDecision", "laReason", "laWording", "origin", "position", "proposedWording", "reason", "reviewId", "section", "updatedAt" FROM "AmendmentProposal";
DROP TABLE "AmendmentProposal";
ALTER TABLE "new_AmendmentProposal" RENAME TO "AmendmentProposal";
CREATE INDEX "AmendmentProposal_reviewId_section_position_idx" ON "AmendmentProposal"("reviewId", "section", "position");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "SchoolRequest_reviewId_key" ON "SchoolRequest"("reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "SchoolRequest_representationId_key" ON "SchoolRequest"("representationId");
