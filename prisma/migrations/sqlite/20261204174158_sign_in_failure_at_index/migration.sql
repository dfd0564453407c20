-- CreateIndex
CREATE INDEX "SignInFailure_at_idx" ON "SignInFailure"("at");
