import { createBrowserRouter, Navigate } from 'react-router';
import { canAdminister } from './auth/permissions';
import { RequireRole } from './auth/require-role';
import { RequireSession } from './auth/require-session';
import { AppLayout } from './layout/app-layout';
import { NotFoundPage } from './pages/not-found-page';
import { OverviewPage } from './pages/overview/overview-page';
import { SignInPage } from './pages/sign-in/sign-in-page';

// The pages a user opens less often are fetched when first opened, to keep the first
// download small on a weak link. Incident room (/incidents/:id), client portal and the
// public status page join here as their APIs land.
export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <Navigate to="/overview" replace /> },
      { path: 'overview', element: <OverviewPage /> },
      {
        path: 'plan',
        lazy: async () => ({ Component: (await import('./pages/plan/plan-page')).PlanPage }),
      },
      {
        path: 'admin',
        lazy: async () => {
          const { AdminPage } = await import('./pages/admin/admin-page');
          return {
            Component: () => (
              <RequireRole allow={canAdminister}>
                <AdminPage />
              </RequireRole>
            ),
          };
        },
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
