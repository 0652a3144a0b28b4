import { createBrowserRouter, Navigate } from 'react-router';
import { canOperate, canReadInternal } from './auth/permissions';
import { RequireRole } from './auth/require-role';
import { RequireSession } from './auth/require-session';
import { AppLayout } from './layout/app-layout';
import { NotFoundPage } from './pages/not-found-page';
import { OverviewPage } from './pages/overview/overview-page';
import { SignInPage } from './pages/sign-in/sign-in-page';

// The pages a user opens less often are fetched when first opened, to keep the first
// download small on a weak link; the overview, where everyone lands, comes at once.
export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    // A client's public status page, opened through its secret link: no session.
    path: '/status/:token',
    lazy: async () => ({ Component: (await import('./pages/status/status-page')).StatusPage }),
  },
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
        path: 'incidents',
        lazy: async () => ({ Component: (await import('./pages/incidents/incidents-page')).IncidentsPage }),
      },
      {
        path: 'incidents/:id',
        lazy: async () => ({
          Component: (await import('./pages/incident-room/incident-room-page')).IncidentRoomPage,
        }),
      },
      {
        path: 'checks',
        lazy: async () => ({ Component: (await import('./pages/checks/checks-page')).ChecksPage }),
      },
      {
        path: 'checks/:id',
        lazy: async () => ({ Component: (await import('./pages/checks/check-page')).CheckPage }),
      },
      {
        path: 'availability',
        lazy: async () => ({
          Component: (await import('./pages/availability/availability-page')).AvailabilityPage,
        }),
      },
      {
        path: 'on-call',
        lazy: async () => {
          const { OnCallPage } = await import('./pages/on-call/on-call-page');
          return {
            Component: () => (
              <RequireRole allow={canReadInternal}>
                <OnCallPage />
              </RequireRole>
            ),
          };
        },
      },
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
              <RequireRole allow={canOperate}>
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
