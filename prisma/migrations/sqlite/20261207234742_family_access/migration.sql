-- CreateTable
CREATE TABLE "RepresentationComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "representationId" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "comment" TEXT NOT NULL,
    CONSTRAINT "RepresentationComment_representationId_fkey" FOREIGN KEY ("representationId") REFERENCES "Representation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RepresentationComment_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "AmendmentProposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FamilyMember" (
    "childId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "relationship" TEXT NOT NULL,
    "invitedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("childId", "userId"),
    CONSTRAINT "FamilyMember_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FamilyMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FamilyContribution" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "part" TEXT NOT NULL,
    "data" TEXT NOT NULL DEFAULT '{}',
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FamilyContribution_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "AnnualReview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FamilyContribution_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Representation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "receivedOn" TEXT NOT NULL,
    "fromName" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "requestedSchool" TEXT NOT NULL DEFAULT '',
    "meetingRequested" BOOLEAN NOT NULL DEFAULT false,
    "response" TEXT NOT NULL DEFAULT '',
    "respondedOn" TEXT,
    "recordedById" TEXT NOT NULL,
    "online" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Representation_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "AnnualReview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Representation_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Representation" ("createdAt", "fromName", "id", "meetingRequested", "receivedOn", "recordedById", "requestedSchool", "respondedOn", "response", "reviewId", "summary") SELECT "createdAt", "fromName", "id", "meetingRequested", "receivedOn", "recordedById", "requestedSchool", "respondedOn", "response", "reviewId", "summary" FROM "Representation";
DROP TABLE "Representation";
ALTER TABLE "new_Representation" RENAME TO "Representation";
CREATE INDEX "Representation_reviewId_idx" ON "Representation"("reviewId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "RepresentationComment_proposalId_idx" ON "RepresentationComment"("proposalId");

-- CreateIndex
CREATE UNIQUE INDEX "RepresentationComment_representationId_proposalId_key" ON "RepresentationComment"("representationId", "proposalId");

-- CreateIndex
CREATE INDEX "FamilyMember_userId_idx" ON "FamilyMember"("userId");

-- CreateIndex
CREATE INDEX "FamilyContribution_userId_idx" ON "FamilyContribution"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "FamilyContribution_reviewId_userId_part_key" ON "FamilyContribution"("reviewId", "userId", "part");
