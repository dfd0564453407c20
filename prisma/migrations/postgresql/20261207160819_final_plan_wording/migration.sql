-- AlterTable
ALTER TABLE "AmendmentProposal" ADD COLUMN     "finalDropped" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "finalReason" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "finalWording" TEXT;
