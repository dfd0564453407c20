-- CreateTable
CREATE TABLE "CeaseConsultation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "informedOn" TEXT NOT NULL,
    "familyConsulted" BOOLEAN NOT NULL,
    "headTeacherConsulted" BOOLEAN NOT NULL,
    "summary" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CeaseConsultation_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "AnnualReview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CeaseConsultation_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LocalAuthority" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "contactPhone" TEXT NOT NULL DEFAULT '',
    "address" TEXT NOT NULL DEFAULT '',
    "letterSignatory" TEXT NOT NULL DEFAULT '',
    "letterFooter" TEXT NOT NULL DEFAULT '',
    "mediationText" TEXT NOT NULL DEFAULT '',
    "iassText" TEXT NOT NULL DEFAULT '',
    "localOfferUrl" TEXT NOT NULL DEFAULT '',
    "mediationAdviserContact" TEXT NOT NULL DEFAULT '',
    "mediationContactName" TEXT NOT NULL DEFAULT '',
    "mediationContactEmail" TEXT NOT NULL DEFAULT '',
    "mediationContactPhone" TEXT NOT NULL DEFAULT '',
    "healthCommissionerName" TEXT NOT NULL DEFAULT '',
    "healthCommissionerEmail" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_LocalAuthority" ("address", "code", "contactEmail", "contactPhone", "createdAt", "iassText", "id", "letterFooter", "letterSignatory", "mediationText", "name", "updatedAt") SELECT "address", "code", "contactEmail", "contactPhone", "createdAt", "iassText", "id", "letterFooter", "letterSignatory", "mediationText", "name", "updatedAt" FROM "LocalAuthority";
DROP TABLE "LocalAuthority";
ALTER TABLE "new_LocalAuthority" RENAME TO "LocalAuthority";
CREATE UNIQUE INDEX "LocalAuthority_code_key" ON "LocalAuthority"("code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "CeaseConsultation_reviewId_key" ON "CeaseConsultation"("reviewId");
