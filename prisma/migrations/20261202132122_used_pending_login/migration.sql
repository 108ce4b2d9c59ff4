-- CreateTable
CREATE TABLE "UsedPendingLogin" (
    "nonce" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsedPendingLogin_pkey" PRIMARY KEY ("nonce")
);

-- CreateIndex
CREATE INDEX "UsedPendingLogin_usedAt_idx" ON "UsedPendingLogin"("usedAt");
