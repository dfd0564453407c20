-- CreateTable
CREATE TABLE "LocalAuthority" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "School" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "laId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "urn" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT '',
    "address" TEXT NOT NULL DEFAULT '',
    "contactEmail" TEXT NOT NULL DEFAULT '',
    "headTeacherName" TEXT NOT NULL DEFAULT '',
    "headTeacherEmail" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "School_laId_fkey" FOREIGN KEY ("laId") REFERENCES "LocalAuthority" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "laId" TEXT,
    "schoolId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "calendarKey" TEXT,
    "lastSignInAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_laId_fkey" FOREIGN KEY ("laId") REFERENCES "LocalAuthority" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "User_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UserRole" (
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,

    PRIMARY KEY ("userId", "role"),
    CONSTRAINT "UserRole_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ipAddress" TEXT NOT NULL DEFAULT '',
    "userAgent" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignInFailure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "ipAddress" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "OneTimeToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OneTimeToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Child" (
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
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Child_laId_fkey" FOREIGN KEY ("laId") REFERENCES "LocalAuthority" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Child_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Child_caseworkerId_fkey" FOREIGN KEY ("caseworkerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EhcPlan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "childId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "firstIssuedOn" TEXT NOT NULL,
    "lastReviewOn" TEXT,
    "reviewDueOn" TEXT NOT NULL,
    "currentVersionNo" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "EhcPlan_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "versionNo" INTEGER NOT NULL,
    "issuedOn" TEXT NOT NULL,
    "sectionA" TEXT NOT NULL DEFAULT '',
    "sectionB" TEXT NOT NULL DEFAULT '',
    "sectionC" TEXT NOT NULL DEFAULT '',
    "sectionD" TEXT NOT NULL DEFAULT '',
    "sectionG" TEXT NOT NULL DEFAULT '',
    "sectionH1" TEXT NOT NULL DEFAULT '',
    "sectionH2" TEXT NOT NULL DEFAULT '',
    "sectionI" TEXT NOT NULL DEFAULT '',
    "sectionJ" TEXT NOT NULL DEFAULT '',
    "sectionK" TEXT NOT NULL DEFAULT '',
    "preparationForAdulthood" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finalPlanId" TEXT,
    CONSTRAINT "PlanVersion_planId_fkey" FOREIGN KEY ("planId") REFERENCES "EhcPlan" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PlanVersion_finalPlanId_fkey" FOREIGN KEY ("finalPlanId") REFERENCES "FinalPlan" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanOutcome" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planVersionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "area" TEXT NOT NULL DEFAULT '',
    "text" TEXT NOT NULL,
    CONSTRAINT "PlanOutcome_planVersionId_fkey" FOREIGN KEY ("planVersionId") REFERENCES "PlanVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanProvision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planVersionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "need" TEXT NOT NULL DEFAULT '',
    "what" TEXT NOT NULL,
    "who" TEXT NOT NULL DEFAULT '',
    "frequency" TEXT NOT NULL DEFAULT '',
    "duration" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "PlanProvision_planVersionId_fkey" FOREIGN KEY ("planVersionId") REFERENCES "PlanVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AnnualReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "childId" TEXT NOT NULL,
    "schoolId" TEXT,
    "laId" TEXT NOT NULL,
    "planVersionId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "dueOn" TEXT NOT NULL,
    "meetingOn" TEXT,
    "meetingTime" TEXT,
    "meetingPlace" TEXT NOT NULL DEFAULT '',
    "invitationsSentOn" TEXT,
    "recommendation" TEXT,
    "submittedAt" DATETIME,
    "reportReceivedOn" TEXT,
    "nextDeadlineOn" TEXT,
    "nextDeadlineId" TEXT,
    "closedAt" DATETIME,
    "lockVersion" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "submittedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AnnualReview_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AnnualReview_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AnnualReview_laId_fkey" FOREIGN KEY ("laId") REFERENCES "LocalAuthority" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AnnualReview_planVersionId_fkey" FOREIGN KEY ("planVersionId") REFERENCES "PlanVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AnnualReview_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AnnualReview_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReviewInvitee" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL DEFAULT '',
    "attended" BOOLEAN,
    "contributedAdvice" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "ReviewInvitee_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "AnnualReview" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReviewSection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'NOT_STARTED',
    "data" TEXT NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReviewSection_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "AnnualReview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReviewSection_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutcomeProgress" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "planOutcomeId" TEXT NOT NULL,
    "progress" TEXT NOT NULL,
    "evidence" TEXT NOT NULL DEFAULT '',
    "next" TEXT NOT NULL,
    CONSTRAINT "OutcomeProgress_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "AnnualReview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OutcomeProgress_planOutcomeId_fkey" FOREIGN KEY ("planOutcomeId") REFERENCES "PlanOutcome" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AmendmentProposal" (
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
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AmendmentProposal_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "AnnualReview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AmendmentProposal_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProposalEvidence" (
    "proposalId" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,

    PRIMARY KEY ("proposalId", "evidenceId"),
    CONSTRAINT "ProposalEvidence_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "AmendmentProposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProposalEvidence_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "EvidenceFile" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvidenceFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "representationId" TEXT,
    "title" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "scanStatus" TEXT NOT NULL DEFAULT 'NOT_SCANNED',
    "uploadedById" TEXT NOT NULL,
    "uploadedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EvidenceFile_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "AnnualReview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EvidenceFile_representationId_fkey" FOREIGN KEY ("representationId") REFERENCES "Representation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "EvidenceFile_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "reasons" TEXT NOT NULL,
    "decidedOn" TEXT NOT NULL,
    "decidedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Decision_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "AnnualReview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Decision_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AmendmentNotice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "issuedOn" TEXT NOT NULL,
    "representationsCloseOn" TEXT NOT NULL,
    "issuedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AmendmentNotice_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "AnnualReview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AmendmentNotice_issuedById_fkey" FOREIGN KEY ("issuedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Representation" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Representation_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "AnnualReview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Representation_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FinalPlan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "amended" BOOLEAN NOT NULL,
    "reasons" TEXT NOT NULL DEFAULT '',
    "issuedOn" TEXT NOT NULL,
    "issuedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FinalPlan_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "AnnualReview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FinalPlan_issuedById_fkey" FOREIGN KEY ("issuedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GeneratedDocument" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "GeneratedDocument_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "AnnualReview" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "toAddress" TEXT NOT NULL,
    "toName" TEXT NOT NULL DEFAULT '',
    "template" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "reviewId" TEXT,
    "dedupeKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" DATETIME,
    "lockedBy" TEXT,
    "sentAt" DATETIME,
    "lastError" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OutboxMessage_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "AnnualReview" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EmailAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "messageId" TEXT NOT NULL,
    "attemptedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ok" BOOLEAN NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "EmailAttempt_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "OutboxMessage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL DEFAULT '',
    "entityId" TEXT NOT NULL DEFAULT '',
    "childId" TEXT,
    "reviewId" TEXT,
    "ipAddress" TEXT NOT NULL DEFAULT '',
    "userAgent" TEXT NOT NULL DEFAULT '',
    "details" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "AuditEvent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "laId" TEXT,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "message" TEXT NOT NULL DEFAULT '',
    "input" TEXT NOT NULL DEFAULT '{}',
    "result" TEXT NOT NULL DEFAULT '{}',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "Job_laId_fkey" FOREIGN KEY ("laId") REFERENCES "LocalAuthority" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Job_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "LocalAuthority_code_key" ON "LocalAuthority"("code");

-- CreateIndex
CREATE UNIQUE INDEX "School_urn_key" ON "School"("urn");

-- CreateIndex
CREATE INDEX "School_laId_name_idx" ON "School"("laId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_calendarKey_key" ON "User"("calendarKey");

-- CreateIndex
CREATE INDEX "User_laId_idx" ON "User"("laId");

-- CreateIndex
CREATE INDEX "User_schoolId_idx" ON "User"("schoolId");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "SignInFailure_email_at_idx" ON "SignInFailure"("email", "at");

-- CreateIndex
CREATE INDEX "SignInFailure_ipAddress_at_idx" ON "SignInFailure"("ipAddress", "at");

-- CreateIndex
CREATE INDEX "OneTimeToken_userId_idx" ON "OneTimeToken"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Child_upn_key" ON "Child"("upn");

-- CreateIndex
CREATE INDEX "Child_laId_lastName_firstName_idx" ON "Child"("laId", "lastName", "firstName");

-- CreateIndex
CREATE INDEX "Child_schoolId_lastName_firstName_idx" ON "Child"("schoolId", "lastName", "firstName");

-- CreateIndex
CREATE INDEX "Child_caseworkerId_idx" ON "Child"("caseworkerId");

-- CreateIndex
CREATE UNIQUE INDEX "EhcPlan_childId_key" ON "EhcPlan"("childId");

-- CreateIndex
CREATE INDEX "EhcPlan_reviewDueOn_idx" ON "EhcPlan"("reviewDueOn");

-- CreateIndex
CREATE UNIQUE INDEX "PlanVersion_finalPlanId_key" ON "PlanVersion"("finalPlanId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanVersion_planId_versionNo_key" ON "PlanVersion"("planId", "versionNo");

-- CreateIndex
CREATE INDEX "PlanOutcome_planVersionId_position_idx" ON "PlanOutcome"("planVersionId", "position");

-- CreateIndex
CREATE INDEX "PlanProvision_planVersionId_position_idx" ON "PlanProvision"("planVersionId", "position");

-- CreateIndex
CREATE INDEX "AnnualReview_childId_createdAt_idx" ON "AnnualReview"("childId", "createdAt");

-- CreateIndex
CREATE INDEX "AnnualReview_laId_status_nextDeadlineOn_idx" ON "AnnualReview"("laId", "status", "nextDeadlineOn");

-- CreateIndex
CREATE INDEX "AnnualReview_schoolId_status_idx" ON "AnnualReview"("schoolId", "status");

-- CreateIndex
CREATE INDEX "ReviewInvitee_reviewId_idx" ON "ReviewInvitee"("reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewSection_reviewId_key_key" ON "ReviewSection"("reviewId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "OutcomeProgress_reviewId_planOutcomeId_key" ON "OutcomeProgress"("reviewId", "planOutcomeId");

-- CreateIndex
CREATE INDEX "AmendmentProposal_reviewId_section_position_idx" ON "AmendmentProposal"("reviewId", "section", "position");

-- CreateIndex
CREATE UNIQUE INDEX "EvidenceFile_storageKey_key" ON "EvidenceFile"("storageKey");

-- CreateIndex
CREATE INDEX "EvidenceFile_reviewId_idx" ON "EvidenceFile"("reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_reviewId_key" ON "Decision"("reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "AmendmentNotice_reviewId_key" ON "AmendmentNotice"("reviewId");

-- CreateIndex
CREATE INDEX "Representation_reviewId_idx" ON "Representation"("reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "FinalPlan_reviewId_key" ON "FinalPlan"("reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "GeneratedDocument_storageKey_key" ON "GeneratedDocument"("storageKey");

-- CreateIndex
CREATE INDEX "GeneratedDocument_reviewId_kind_idx" ON "GeneratedDocument"("reviewId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_reviewId_idx" ON "OutboxMessage"("reviewId");

-- CreateIndex
CREATE INDEX "EmailAttempt_messageId_idx" ON "EmailAttempt"("messageId");

-- CreateIndex
CREATE INDEX "AuditEvent_childId_at_idx" ON "AuditEvent"("childId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_reviewId_at_idx" ON "AuditEvent"("reviewId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_userId_at_idx" ON "AuditEvent"("userId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

-- CreateIndex
CREATE INDEX "Job_laId_kind_createdAt_idx" ON "Job"("laId", "kind", "createdAt");
