-- AlterTable
ALTER TABLE "AnnualReview" ADD COLUMN     "adviceCirculatedOn" TEXT;
