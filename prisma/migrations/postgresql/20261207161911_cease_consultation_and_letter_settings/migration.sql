-- AlterTable
ALTER TABLE "LocalAuthority" ADD COLUMN     "healthCommissionerEmail" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "healthCommissionerName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "localOfferUrl" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "mediationAdviserContact" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "mediationContactEmail" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "mediationContactName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "mediationContactPhone" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "CeaseConsultation" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "informedOn" TEXT NOT NULL,
    "familyConsulted" BOOLEAN NOT NULL,
    "headTeacherConsulted" BOOLEAN NOT NULL,
    "summary" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CeaseConsultation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CeaseConsultation_reviewId_key" ON "CeaseConsultation"("reviewId");

-- AddForeignKey
ALTER TABLE "CeaseConsultation" ADD CONSTRAINT "CeaseConsultation_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "AnnualReview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CeaseConsultation" ADD CONSTRAINT "CeaseConsultation_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
