-- AlterTable
ALTER TABLE "Child" ADD COLUMN     "representativeEmail" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "representativeName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "representativeRole" TEXT,
ADD COLUMN     "youngPersonLacksCapacity" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "youngPersonParentCopyAgreedOn" TEXT;

-- AlterTable
ALTER TABLE "AmendmentProposal" ADD COLUMN     "addedAfterNotice" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "SchoolRequest" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SchoolRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SchoolRequest_reviewId_key" ON "SchoolRequest"("reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "SchoolRequest_representationId_key" ON "SchoolRequest"("representationId");

-- AddForeignKey
ALTER TABLE "SchoolRequest" ADD CONSTRAINT "SchoolRequest_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "AnnualReview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolRequest" ADD CONSTRAINT "SchoolRequest_representationId_fkey" FOREIGN KEY ("representationId") REFERENCES "Representation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolRequest" ADD CONSTRAINT "SchoolRequest_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolRequest" ADD CONSTRAINT "SchoolRequest_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
