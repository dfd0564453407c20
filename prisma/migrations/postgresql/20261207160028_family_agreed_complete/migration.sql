-- AlterTable
ALTER TABLE "AmendmentNotice" ADD COLUMN     "familyAgreedCompleteOn" TEXT;
