-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailConfirmedAt" TIMESTAMP(3),
ADD COLUMN     "locale" TEXT,
ADD COLUMN     "passwordChangedAt" TIMESTAMP(3);
