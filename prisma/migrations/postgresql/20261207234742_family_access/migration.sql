-- AlterTable
ALTER TABLE "Representation" ADD COLUMN     "online" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "RepresentationComment" (
    "id" TEXT NOT NULL,
    "representationId" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "comment" TEXT NOT NULL,

    CONSTRAINT "RepresentationComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FamilyMember" (
    "childId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "relationship" TEXT NOT NULL,
    "invitedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FamilyMember_pkey" PRIMARY KEY ("childId","userId")
);

-- CreateTable
CREATE TABLE "FamilyContribution" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "part" TEXT NOT NULL,
    "data" TEXT NOT NULL DEFAULT '{}',
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FamilyContribution_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "RepresentationComment" ADD CONSTRAINT "RepresentationComment_representationId_fkey" FOREIGN KEY ("representationId") REFERENCES "Representation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RepresentationComment" ADD CONSTRAINT "RepresentationComment_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "AmendmentProposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FamilyMember" ADD CONSTRAINT "FamilyMember_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FamilyMember" ADD CONSTRAINT "FamilyMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FamilyContribution" ADD CONSTRAINT "FamilyContribution_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "AnnualReview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FamilyContribution" ADD CONSTRAINT "FamilyContribution_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
