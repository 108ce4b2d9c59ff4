-- AlterTable
ALTER TABLE "BackupCode" ADD COLUMN     "position" INTEGER;

-- AlterTable
ALTER TABLE "OutboxMail" ADD COLUMN     "locale" TEXT;
